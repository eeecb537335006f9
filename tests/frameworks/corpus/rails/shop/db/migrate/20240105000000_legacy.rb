class Legacy < ActiveRecord::Migration[5.0]
  def change
    create_table :legacy do |t|
      t.references :user
      t.string :title
      t.timestamps
    end
  end
end
